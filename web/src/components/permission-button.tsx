import { Button, Tooltip, type ButtonProps } from 'antd';
import { errorText } from '../lib/error-text.ts';
import { useI18n } from '../lib/i18n.tsx';
import { useDeniedPermission, type PermissionAction } from '../lib/permissions.ts';
import { ApiError } from '../lib/api-client.ts';

export interface PermissionButtonProps extends ButtonProps {
  action: PermissionAction;
}

/** A button that turns itself off, saying why, once the service has refused its action to this user. */
export function PermissionButton({ action, disabled, ...props }: PermissionButtonProps) {
  const { locale } = useI18n();
  const denied = useDeniedPermission(action);
  if (!denied) return <Button disabled={disabled} {...props} />;
  const reason = errorText(new ApiError(403, denied.code, denied.message, denied.requestId), locale).message;
  return (
    <Tooltip title={`${reason} (${denied.code})`}>
      <Button {...props} disabled aria-description={reason} />
    </Tooltip>
  );
}
