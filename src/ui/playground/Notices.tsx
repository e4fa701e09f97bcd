/** Page-level notices: ignored URL fields, a rejected settings combination, a worker crash. */
import type { IgnoredField } from '../../core/experiment/url';

export function Notices(props: { ignored: IgnoredField[]; onDismissIgnored: () => void; problem: string | null; onDismissProblem: () => void; crash: string | null }) {
  return (
    <>
      {props.ignored.length > 0 && (
        <div role="status" className="banner warn" data-testid="url-notice">
          <p>
            <strong>Some settings in the link were ignored</strong> and keep their defaults:
          </p>
          <ul>
            {props.ignored.map((f, i) => (
              // A link may repeat a key, so the key alone is not unique.
              <li key={`${i}:${f.key}`}>
                <code>
                  {f.key}={f.value}
                </code>{' '}
                {f.reason}
              </li>
            ))}
          </ul>
          <button type="button" className="secondary" onClick={props.onDismissIgnored}>
            Dismiss
          </button>
        </div>
      )}
      {props.problem && (
        <div role="alert" className="banner warn" data-testid="config-problem">
          <p>
            <strong>That change was not applied:</strong> {props.problem}
          </p>
          <button type="button" className="secondary" onClick={props.onDismissProblem}>
            Dismiss
          </button>
        </div>
      )}
      {props.crash && (
        <div role="alert" className="banner error" data-testid="worker-crash">
          {props.crash}
        </div>
      )}
    </>
  );
}
