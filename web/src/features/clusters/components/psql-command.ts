/**
 * A psql command line for an endpoint: host and port from `connect_info` (`host:port`), the database from the
 * JDBC URL (DWS's default is `gaussdb`), the administrator as user. The password is never part of it.
 */
export function psqlCommand(
  connectInfo: string,
  jdbcUrl: string | undefined,
  userName: string | undefined,
): string {
  const separator = connectInfo.lastIndexOf(':');
  const host = separator > 0 ? connectInfo.slice(0, separator) : connectInfo;
  const port = separator > 0 ? connectInfo.slice(separator + 1) : '8000';
  const database = jdbcUrl?.match(/^jdbc:[a-z]+:\/\/[^/]+\/([^?;]+)/)?.[1] ?? 'gaussdb';
  const user = userName ? ` -U ${userName}` : '';
  return `psql -h ${host} -p ${port} -d ${database}${user} -W`;
}
