/** Where and as whom to connect to one of the emulator's PostgreSQL servers. */
export interface ConnectionTarget {
  host: string;
  port: number;
  user: string;
  password: string;
  database: string;
}
