// @vitest-environment jsdom
/** Whatever breaks a render, the page says what happened and offers the way back to defaults. */
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ErrorBoundary } from './ErrorBoundary';

function Broken(): never {
  throw new Error('a render that cannot happen');
}

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

describe('ErrorBoundary', () => {
  afterEach(() => {
    document.body.innerHTML = '';
    vi.restoreAllMocks();
  });

  it('shows the error and a link to the defaults instead of a blank page', async () => {
    // React reports the caught error on the console; the test keeps its own output quiet.
    vi.spyOn(console, 'error').mockImplementation(() => {});
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const host = document.body.appendChild(document.createElement('div'));
    const root = createRoot(host);
    await act(async () => {
      root.render(
        <ErrorBoundary>
          <Broken />
        </ErrorBoundary>,
      );
    });
    expect(host.querySelector('[data-testid=page-error]')?.textContent).toContain('The playground stopped on an error: a render that cannot happen');
    const link = host.querySelector('a.button') as HTMLAnchorElement;
    expect(link.textContent).toBe('Open the playground with default settings');
    expect(new URL(link.href).search).toBe('');
    await act(async () => root.unmount());
  });

  it('renders its children when nothing breaks', async () => {
    const host = document.body.appendChild(document.createElement('div'));
    const root = createRoot(host);
    await act(async () => {
      root.render(
        <ErrorBoundary>
          <p>fine</p>
        </ErrorBoundary>,
      );
    });
    expect(host.textContent).toBe('fine');
    await act(async () => root.unmount());
  });
});
