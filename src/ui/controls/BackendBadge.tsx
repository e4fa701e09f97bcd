/** The header badge: which tfjs backend trains, and why any faster one was not used. */
import type { BackendChoice } from '../../core/engine/backends';

const NAMES: Record<string, string> = { webgpu: 'WebGPU', webgl: 'WebGL', wasm: 'WASM', cpu: 'CPU' };

export function BackendBadge({ choice, pending }: { choice: BackendChoice | null; pending: boolean }) {
  if (!choice) return <span className="badge muted" data-testid="backend-badge">{pending ? 'Backend: starting…' : 'Backend: not started'}</span>;
  const why = choice.fallbacks.map((f) => `not ${NAMES[f.backend]}: ${f.reason}`).join('; ');
  return (
    <span className={`badge ${choice.fallbacks.length ? 'fallback' : ''}`} data-testid="backend-badge" title={why || choice.reason}>
      Backend: <strong data-testid="backend-name">{NAMES[choice.backend]}</strong>
      {why && <span className="badge-why"> ({why})</span>}
    </span>
  );
}
