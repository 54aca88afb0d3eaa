import { Flex, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import type { Trace } from '@dws-console/shared';
import { ApiErrorAlert } from '../../../components/api-error-alert.tsx';
import { useTracesQuery } from '../api/get-traces.ts';
import { useTracesT } from '../messages.ts';
import { filtersToSearch, type TraceFilters } from '../trace-filters.ts';
import { TraceDrawer } from './trace-drawer.tsx';
import { isTracesForbidden, TracesForbidden } from './traces-forbidden.tsx';
import { TracesTable } from './traces-table.tsx';

export interface ClusterEventsProps {
  clusterId: string;
}

/** The cluster page's Events: the last operations on this cluster, the rest in the operations log. */
export function ClusterEvents({ clusterId }: ClusterEventsProps) {
  const t = useTracesT();
  const filters: TraceFilters = { range: '7d', resourceId: clusterId };
  const query = useTracesQuery(filters, 10);
  const [opened, setOpened] = useState<Trace>();
  if (isTracesForbidden(query.error)) return <TracesForbidden />;
  return (
    <Flex vertical gap={8}>
      {query.error && <ApiErrorAlert error={query.error} />}
      <TracesTable
        traces={query.data?.pages[0]?.traces ?? []}
        isLoading={query.isPending}
        onOpen={setOpened}
        hasResource={false}
      />
      <Typography.Text>
        <Link to={`/operations-log?${filtersToSearch(filters).toString()}`}>{t('eventsAll')}</Link>
      </Typography.Text>
      <TraceDrawer trace={opened} onClose={() => setOpened(undefined)} />
    </Flex>
  );
}
