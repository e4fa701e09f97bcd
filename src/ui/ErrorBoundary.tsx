/**
 * The last line of defence: whatever a link, stored progress or a bug does to a render, the page
 * shows what went wrong and a way back to the default settings, never a blank page.
 */
import { Component, type ErrorInfo, type ReactNode } from 'react';
import { clearSaved } from './playground/savedRuns';
import { LESSON_KEY } from './teach/LessonPanel';

interface State {
  error: Error | null;
}

export class ErrorBoundary extends Component<{ children: ReactNode }, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: unknown): State {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    // Kept for whoever opens the developer tools; the page itself says what happened.
    console.warn('The page stopped on an error:', error, info.componentStack);
  }

  override render(): ReactNode {
    const { error } = this.state;
    if (!error) return this.props.children;
    return (
      <main className="page" role="alert" data-testid="page-error">
        <h1>Something went wrong</h1>
        <p>
          The playground stopped on an error: <code>{error.message.slice(0, 300)}</code>
        </p>
        <p>Your saved practice progress is untouched. The settings in this page’s link, or a run kept from your last visit, may be the cause.</p>
        <p className="row wrap">
          <a className="button" href={location.pathname}>
            Open the playground with default settings
          </a>
          <button
            type="button"
            className="secondary"
            onClick={() => {
              // A stored lesson position is the other thing a reload reads back.
              try {
                localStorage.removeItem(LESSON_KEY);
              } catch {
                // Storage blocked: nothing to forget.
              }
              location.assign(location.pathname);
            }}
          >
            Defaults, and leave the current lesson
          </button>
          <button
            type="button"
            className="secondary"
            onClick={() => {
              // Runs kept from the last visit are drawn on load: a damaged one could be the cause.
              void clearSaved().then(() => location.assign(location.pathname));
            }}
          >
            Defaults, and forget saved runs
          </button>
        </p>
      </main>
    );
  }
}
