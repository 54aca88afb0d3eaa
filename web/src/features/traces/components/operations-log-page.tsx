import { DownloadOutlined, ReloadOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Input, Select, Space, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { traceRatings, tracedOperations, type Trace } from '@dws-console/shared';
import { ApiErrorAlert } from '../../../components/api-error-alert.tsx';
import { getAllTraces, useTracesQuery } from '../api/get-traces.ts';
import { useTracesT } from '../messages.ts';
import {
  filtersFromSearch,
  filtersToSearch,
  traceRanges,
  type TraceFilters,
  type TraceRange,
} from '../trace-filters.ts';
import { tracesToCsv } from '../traces-csv.ts';
import { TraceDrawer } from './trace-drawer.tsx';
import { isTracesForbidden, TracesForbidden } from './traces-forbidden.tsx';
import { TracesTable, useOperationName } from './traces-table.tsx';

function download(name: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  URL.revokeObjectURL(url);
}

/** Who did what to which resource, when, by which means and how it ended: CTS's traces of the project. */
export function OperationsLogPage() {
  const t = useTracesT();
  const operationName = useOperationName();
  const [search, setSearch] = useSearchParams();
  const filters = useMemo(() => filtersFromSearch(search), [search]);
  const query = useTracesQuery(filters);
  const [opened, setOpened] = useState<Trace>();
  const [isExporting, setIsExporting] = useState(false);
  const [exportError, setExportError] = useState<unknown>();
  const traces = useMemo(() => query.data?.pages.flatMap((p) => p.traces) ?? [], [query.data]);
  const update = (change: Partial<TraceFilters>) =>
    setSearch(filtersToSearch({ ...filters, ...change }), { replace: true });

  const exportCsv = async () => {
    setIsExporting(true);
    setExportError(undefined);
    try {
      const all = await getAllTraces(filters, Date.now());
      download(`operations-log-${new Date().toISOString().slice(0, 10)}.csv`, tracesToCsv(all));
    } catch (error) {
      setExportError(error);
    } finally {
      setIsExporting(false);
    }
  };

  if (isTracesForbidden(query.error)) {
    return (
      <Card>
        <TracesForbidden />
      </Card>
    );
  }
  return (
    <Card>
      <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 8 }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('title')}
        </Typography.Title>
        <Space>
          <Button icon={<ReloadOutlined />} loading={query.isRefetching} onClick={() => void query.refetch()}>
            {t('refresh')}
          </Button>
          <Button icon={<DownloadOutlined />} loading={isExporting} onClick={() => void exportCsv()}>
            {t('export')}
          </Button>
        </Space>
      </Flex>
      <Typography.Paragraph type="secondary">{t('hint')}</Typography.Paragraph>
      <Flex wrap gap={8} style={{ marginBottom: 16 }}>
        <Select<TraceRange>
          aria-label={t('time')}
          value={filters.range}
          style={{ width: 160 }}
          options={(Object.keys(traceRanges) as TraceRange[]).map((range) => ({
            value: range,
            label: t(`range.${range}`),
          }))}
          onChange={(range) => update({ range })}
        />
        <Select
          aria-label={t('operation')}
          allowClear
          placeholder={t('operation')}
          value={filters.operation}
          style={{ width: 200 }}
          options={tracedOperations.map((name) => ({ value: name, label: operationName(name) }))}
          onChange={(operation?: string) => update({ operation })}
        />
        <Select
          aria-label={t('status')}
          allowClear
          placeholder={t('status')}
          value={filters.status}
          style={{ width: 140 }}
          options={traceRatings.map((rating) => ({ value: rating, label: t(`status.${rating}`) }))}
          onChange={(status?: TraceFilters['status']) => update({ status })}
        />
        <Input.Search
          key={`user-${filters.user ?? ''}`}
          aria-label={t('user')}
          placeholder={t('user')}
          allowClear
          defaultValue={filters.user}
          style={{ width: 200 }}
          onSearch={(user) => update({ user: user.trim() || undefined })}
        />
        <Input.Search
          key={`resource-${filters.resourceId ?? ''}`}
          aria-label={t('resource')}
          placeholder={t('resource')}
          allowClear
          defaultValue={filters.resourceId}
          style={{ width: 320 }}
          onSearch={(resourceId) => update({ resourceId: resourceId.trim() || undefined })}
        />
      </Flex>
      {query.error && <ApiErrorAlert error={query.error} style={{ marginBottom: 16 }} />}
      {exportError !== undefined && <ApiErrorAlert error={exportError} style={{ marginBottom: 16 }} />}
      <TracesTable traces={traces} isLoading={query.isPending} onOpen={setOpened} />
      {query.hasNextPage && (
        <Flex justify="center" style={{ marginTop: 16 }}>
          <Button loading={query.isFetchingNextPage} onClick={() => void query.fetchNextPage()}>
            {t('more')}
          </Button>
        </Flex>
      )}
      <TraceDrawer trace={opened} onClose={() => setOpened(undefined)} />
    </Card>
  );
}
