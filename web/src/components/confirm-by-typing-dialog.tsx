import { Form, Input, Modal, type InputRef } from 'antd';
import { useState, type ReactNode, useRef } from 'react';
import { useI18n } from '../lib/i18n.tsx';
import { focusWhenOpen } from '../lib/focus-when-open.ts';

export interface ConfirmByTypingDialogProps {
  isOpen: boolean;
  title: string;
  /** What the user must type, usually the resource's name. */
  expected: string;
  okText: string;
  isPending?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
  /** Called once the dialog has closed. */
  afterClose?: () => void;
  /** Extra fields or warnings shown above the confirmation input. */
  children?: ReactNode;
}

/** For what cannot be undone: the button only works once the name is typed exactly. */
export function ConfirmByTypingDialog({
  isOpen,
  title,
  expected,
  okText,
  isPending,
  onConfirm,
  onCancel,
  afterClose,
  children,
}: ConfirmByTypingDialogProps) {
  const { t } = useI18n();
  const [typed, setTyped] = useState('');
  const field = useRef<InputRef>(null);
  const matches = typed === expected;
  return (
    <Modal
      open={isOpen}
      title={title}
      okText={okText}
      cancelText={t('common.cancel')}
      okButtonProps={{ danger: true, disabled: !matches, loading: isPending }}
      onOk={onConfirm}
      onCancel={onCancel}
      afterClose={afterClose}
      afterOpenChange={(open) => {
        if (!open) setTyped('');
        focusWhenOpen(field, open);
      }}
      destroyOnHidden
    >
      {children}
      <Form layout="vertical" onFinish={() => matches && onConfirm()}>
        <Form.Item
          label={t('confirm.typeToConfirm', { name: expected })}
          htmlFor="confirm-by-typing"
          validateStatus={typed && !matches ? 'error' : undefined}
          help={typed && !matches ? t('confirm.mismatch') : undefined}
        >
          <Input
            id="confirm-by-typing"
            ref={field}
            autoComplete="off"
            value={typed}
            placeholder={expected}
            onChange={(event) => setTyped(event.target.value)}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
