import { Card, Flex, Radio, Skeleton, Tooltip, Typography } from 'antd';
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
            <Card size="small" style={{ width: 240 }} key={nodeType.id}>
              <Radio value={nodeType.spec_name} disabled={!specs.isAvailable}>
                <Typography.Text strong>{nodeType.spec_name}</Typography.Text>
              </Radio>
              <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0 24px', fontSize: 12 }}>
                {specs.vcpu ?? '-'} vCPU · {specs.memory ?? '-'} GB · {specs.storage ?? '-'} GB{' '}
                {specs.storageType ?? ''}
                {!specs.isAvailable && (
                  <>
                    <br />
                    {t('soldOut')}: {t('soldOutReason')}
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
