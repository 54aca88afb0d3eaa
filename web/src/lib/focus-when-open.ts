import type { RefObject } from 'react';

/**
 * For a Modal's `afterOpenChange`: gives the focus to the dialog's first field once the dialog is open.
 * `autoFocus` alone loses it to the dialog when dialogs open without motion (the system asks for less): the
 * field mounts before the dialog can hold the focus, and the dialog then focuses itself.
 */
export function focusWhenOpen(field: RefObject<{ focus: () => void } | null>, open: boolean): void {
  if (open) field.current?.focus();
}
