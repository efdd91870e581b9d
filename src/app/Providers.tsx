import type { ReactNode } from 'react';
import { ToastProvider } from '../components/Toasts';
import { CounterProvider } from '../hooks/useCounter';
import { ShopSettingsProvider } from '../hooks/useShopSettings';

/** What every screen shares: toasts, who is at the counter, the shop's settings. */
export function Providers({ children }: { children: ReactNode }) {
  return (
    <ToastProvider>
      <CounterProvider>
        <ShopSettingsProvider>{children}</ShopSettingsProvider>
      </CounterProvider>
    </ToastProvider>
  );
}
