/** The header badge: which tfjs backend trains, and why any faster one was not used. */
import type { BackendChoice } from '../../core/engine/backends';

const NAMES: Record<string, string> = { webgpu: 'WebGPU', webgl: 'WebGL', wasm: 'WASM', cpu: 'CPU' };

export function BackendBadge({ choice, pending }: { choice: BackendChoice | null; pending: boolean }) {
  if (!choice) return <span className="badge muted" data-testid="backend-badge">{pending ? 'Backend: starting…' : 'Backend: not started'}</span>;
  const why = choice.fallbacks.map((f) => `not ${NAMES[f.backend]}: ${f.reason}`).join('; ');
  // Small by default: why a faster backend was not used opens on request (it is long, and it is
  // not what a first-time visitor needs to read before pressing Play).
  if (!why) {
    return (
      <span className="badge" data-testid="backend-badge" title={choice.reason}>
        Backend: <strong data-testid="backend-name">{NAMES[choice.backend]}</strong>
      </span>
    );
  }
  return (
    <details className="badge fallback" data-testid="backend-badge">
      <summary>
        Backend: <strong data-testid="backend-name">{NAMES[choice.backend]}</strong> <span className="small muted">(why not faster?)</span>
      </summary>
      <span className="badge-why">{why}</span>
    </details>
  );
}
