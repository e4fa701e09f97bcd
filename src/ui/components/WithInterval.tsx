/** A mean over seeds shown as "mean ± half-width", the 95% interval in its title (formatting only). */
import { fmtNum } from '../format';

export function WithInterval(props: { value: number; lo: number; hi: number; seeds: number; digits?: number }) {
  const d = props.digits ?? 3;
  return (
    <span data-noise="interval" title={`mean of ${props.seeds} seeds; 95% interval ${fmtNum(props.lo, d)} to ${fmtNum(props.hi, d)}`}>
      {fmtNum(props.value, d)} ± {fmtNum((props.hi - props.lo) / 2, d)}
    </span>
  );
}
