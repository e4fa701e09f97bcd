/** The header's Copy link button: the page URL holds the whole config. */
import { useState } from 'react';

/** Copies the page URL (which holds the whole config) and says so. */
export function CopyLink() {
  const [copied, setCopied] = useState<'idle' | 'ok' | 'failed'>('idle');
  return (
    <>
      <button
        type="button"
        className="secondary"
        onClick={() => {
          navigator.clipboard.writeText(location.href).then(
            () => setCopied('ok'),
            () => setCopied('failed'),
          );
          setTimeout(() => setCopied('idle'), 2500);
        }}
      >
        Copy link
      </button>
      <span aria-live="polite" className="small">
        {copied === 'ok' ? 'Link copied' : copied === 'failed' ? 'Copy failed: copy the address bar instead' : ''}
      </span>
    </>
  );
}
