import { Descriptions } from 'antd';

export interface ReviewTableProps {
  /** Label and value, in the order the form asked for them; `undefined` is a value the request leaves out. */
  rows: readonly (readonly [label: string, value: string | number | undefined])[];
  /** What a value left out means for this request: chosen by the service, kept from a snapshot's source, ... */
  leftOutText: string;
}

/** The values a form is about to send, one per row, read before the request goes (wizard and dialog alike). */
export function ReviewTable({ rows, leftOutText }: ReviewTableProps) {
  return (
    <Descriptions
      bordered
      size="small"
      column={1}
      style={{ marginBottom: 16 }}
      items={rows.map(([label, value]) => ({ key: label, label, children: value ?? leftOutText }))}
    />
  );
}
