import { Alert, Button } from 'antd';
import { Component, type ErrorInfo, type ReactNode } from 'react';

export interface ErrorBoundaryProps {
  title: string;
  reloadLabel: string;
  children: ReactNode;
}

interface ErrorBoundaryState {
  error?: Error;
}

/**
 * Keeps one broken page from blanking the whole console. The fallback uses only what the shell already loaded
 * (antd's `Result` would add its illustrations, about 10 KiB gzipped), and a chunk that failed to load is a
 * likely cause, so it must not need another one.
 */
export class ErrorBoundary extends Component<ErrorBoundaryProps, ErrorBoundaryState> {
  override state: ErrorBoundaryState = {};

  static getDerivedStateFromError(error: Error): ErrorBoundaryState {
    return { error };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error(error, info.componentStack);
  }

  override render(): ReactNode {
    if (!this.state.error) return this.props.children;
    return (
      <Alert
        type="error"
        showIcon
        role="alert"
        style={{ maxWidth: 720, margin: '48px auto' }}
        title={this.props.title}
        description={this.state.error.message}
        action={
          <Button type="primary" onClick={() => window.location.reload()}>
            {this.props.reloadLabel}
          </Button>
        }
      />
    );
  }
}
