// A modal question with two answers, on the browser's own <dialog> (showModal: the page behind is
// inert, focus stays inside, Escape answers "no"). The safe answer has the focus, so an Enter typed
// by habit cancels.
import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';

export interface ConfirmDialogProps {
  title: string;
  children?: ComponentChildren;
  confirmLabel: string;
  cancelLabel: string;
  onConfirm: () => void;
  onCancel: () => void;
}

export function ConfirmDialog({ title, children, confirmLabel, cancelLabel, onConfirm, onCancel }: ConfirmDialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (!d.open) {
      if (typeof d.showModal === 'function') d.showModal();
      else d.setAttribute('open', '');
    }
    cancelRef.current?.focus();
    return () => {
      if (d.open && typeof d.close === 'function') d.close();
    };
  }, []);
  return (
    <dialog
      ref={ref}
      class="tl-dialog"
      role="alertdialog"
      aria-modal="true"
      aria-labelledby="tl-dialog-title"
      data-testid="confirm-dialog"
      // Escape: the browser fires `cancel`; answer no ourselves so the parent's state stays the truth.
      onCancel={(e) => {
        e.preventDefault();
        onCancel();
      }}
      // Escape must not also reach the page's own shortcuts (it closes the reader).
      onKeyDown={(e) => e.stopPropagation()}
    >
      <h2 id="tl-dialog-title">{title}</h2>
      {children}
      <div class="tl-dialog-actions">
        <button ref={cancelRef} type="button" class="tl-btn" onClick={onCancel}>
          {cancelLabel}
        </button>
        <button type="button" class="tl-btn tl-btn-primary tl-danger" onClick={onConfirm}>
          {confirmLabel}
        </button>
      </div>
    </dialog>
  );
}
