import { Card, Flex, Radio, Skeleton, Tag, theme, Tooltip, Typography } from 'antd';
import { ApiErrorAlert } from '../../../components/api-error-alert.tsx';
import { useNodeTypesQuery } from '../api/get-node-types.ts';
import { nodeTypeSpecs } from '../api/node-type-specs.ts';
import { useNodeTypesT } from '../messages.ts';

export interface NodeTypePickerProps {
  id?: string;
  value?: string;
  onChange?: (specName: string) => void;
}

/** A card per spec; sold-out specs stay visible (so the user knows they exist) but cannot be chosen. */
export function NodeTypePicker({ id, value, onChange }: NodeTypePickerProps) {
  const t = useNodeTypesT();
  const query = useNodeTypesQuery();
  const { token } = theme.useToken();
  if (query.error) return <ApiErrorAlert error={query.error} />;
  if (!query.data) return <Skeleton active />;
  return (
    <Radio.Group
      id={id}
      value={value}
      onChange={(event) => onChange?.(String(event.target.value))}
      style={{ width: '100%' }}
    >
      <Flex wrap gap={12}>
        {query.data.map((nodeType) => {
          const specs = nodeTypeSpecs(nodeType);
          const option = (
            <Card
              size="small"
              key={nodeType.id}
              // A sold-out spec must read as such at a glance in either theme, not only by a paler radio.
              style={
                specs.isAvailable
                  ? { width: 240 }
                  : { width: 240, borderStyle: 'dashed', background: token.colorBgContainerDisabled }
              }
            >
              <Radio value={nodeType.spec_name} disabled={!specs.isAvailable}>
                <Typography.Text strong>{nodeType.spec_name}</Typography.Text>
              </Radio>
              {/* antd's red tag falls below AA contrast in the dark theme. */}
              {!specs.isAvailable && <Tag>{t('soldOut')}</Tag>}
              <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0 24px', fontSize: 12 }}>
                {specs.vcpu ?? '-'} vCPU · {specs.memory ?? '-'} GB · {specs.storage ?? '-'} GB{' '}
                {specs.storageType ? t(`storage.${specs.storageType}`) : ''}
                {!specs.isAvailable && (
                  <>
                    <br />
                    {t('soldOutReason')}
                  </>
                )}
              </Typography.Paragraph>
            </Card>
          );
          return specs.isAvailable ? (
            option
          ) : (
            <Tooltip key={nodeType.id} title={t('soldOutReason')}>
              {option}
            </Tooltip>
          );
        })}
      </Flex>
    </Radio.Group>
  );
}
