import pino, { type Logger } from 'pino';

/** JSON logs on stdout; the command line passes stderr (fd 2) so its own output stays clean. */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      redact: {
        paths: ['req.headers.cookie', 'req.headers["x-csrf-token"]', 'password', '*.password'],
        remove: true,
      },
    },
    destination,
  );
}
