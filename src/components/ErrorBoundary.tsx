/**
 * A render error must never leave a blank screen at the counter. The ledger itself is safe in
 * IndexedDB and form drafts in localStorage, so the message says so and offers a way on.
 */
import { Component, type ErrorInfo, type ReactNode } from 'react';
import { Translation } from '../i18n';

interface Props {
  children: ReactNode;
  /** Changing this (e.g. the route) clears the error so navigation recovers. */
  resetKey?: string;
}

interface State {
  error: Error | undefined;
  resetKey: string | undefined;
}

export class ErrorBoundary extends Component<Props, State> {
  override state: State = { error: undefined, resetKey: this.props.resetKey };

  static getDerivedStateFromError(error: Error): Partial<State> {
    return { error };
  }

  static getDerivedStateFromProps(props: Props, state: State): Partial<State> | null {
    if (props.resetKey !== state.resetKey) return { error: undefined, resetKey: props.resetKey };
    return null;
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error('Daifuku screen error', error, info.componentStack);
  }

  override render() {
    if (!this.state.error) return this.props.children;
    return (
      <Translation>
        {(t) => (
          <section className="panel panel--error" role="alert">
            <h2>{t('errors.boundaryTitle')}</h2>
            <p>{t('errors.boundaryBody')}</p>
            <div className="actions">
              <button type="button" className="button button--primary" onClick={() => this.setState({ error: undefined })}>
                {t('errors.boundaryRetry')}
              </button>
              <a className="button" href="/">
                {t('errors.boundaryHome')}
              </a>
            </div>
          </section>
        )}
      </Translation>
    );
  }
}
