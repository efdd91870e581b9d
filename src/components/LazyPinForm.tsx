/**
 * The PIN form, loaded only when a PIN is asked for: a ledger without PINs (most shops at first)
 * never downloads it, and the first screen stays small.
 */
import { lazy, Suspense, type ComponentProps } from 'react';

const PinForm = lazy(() => import('./PinForm').then((m) => ({ default: m.PinForm })));

export function LazyPinForm(props: ComponentProps<typeof PinForm>) {
  return (
    <Suspense fallback={null}>
      <PinForm {...props} />
    </Suspense>
  );
}
