import { Select } from 'antd';
import type { NodeType } from '@dws-console/shared';
import { useNodeTypesQuery } from '../api/get-node-types.ts';
import { useNodeTypesT } from '../messages.ts';

export interface ZoneSelectProps {
  id?: string;
  value?: string;
  onChange?: (zone: string | undefined) => void;
  /** The spec the cluster will have: zones where it is sold out cannot be chosen. */
  nodeType?: string;
}

/** Every zone the node-type list names; without `available_zones` the list is empty and the service chooses. */
function zoneChoices(nodeTypes: NodeType[], nodeType?: string) {
  const zones = new Map<string, boolean>();
  for (const type of nodeTypes) {
    for (const zone of type.available_zones ?? []) {
      const isOrderable = nodeType === undefined || (type.spec_name === nodeType && zone.status === 'normal');
      zones.set(zone.code, (zones.get(zone.code) ?? false) || isOrderable);
    }
  }
  return [...zones].map(([code, isOrderable]) => ({ code, isOrderable }));
}

/** The availability zone of a new cluster, chosen among those the node-types call lists. */
export function ZoneSelect({ id, value, onChange, nodeType }: ZoneSelectProps) {
  const t = useNodeTypesT();
  const query = useNodeTypesQuery();
  const choices = zoneChoices(query.data ?? [], nodeType);
  return (
    <Select
      id={id}
      value={value}
      onChange={(zone?: string) => onChange?.(zone)}
      allowClear
      loading={query.isPending}
      status={query.error ? 'error' : undefined}
      placeholder={t('zone.byService')}
      options={choices.map(({ code, isOrderable }) => ({
        value: code,
        label: isOrderable ? code : `${code} (${t('soldOut')})`,
        disabled: !isOrderable,
      }))}
      style={{ maxWidth: 320 }}
    />
  );
}
