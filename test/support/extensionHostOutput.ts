// Recovers what the extension host wrote to stdout/stderr from code-server's log. The server logs
// each chunk the host writes as one record: "[hh:mm:ss] [addr][token][ExtensionHostConnection]
// <pid> chunk" (stderr: "<pid><stderr> chunk"). A chunk can hold several lines, so the lines after
// the first come without a prefix, and the chunk's own final newline plus the logger's newline
// leave one blank line too many at the end of each record.

const recordStart = /^\[(\d\d:\d\d:\d\d|\d{4}-\d\d-\d\dT[^\]]*)\] /;
const hostRecord = /\[ExtensionHostConnection\] <\d+>(<stderr>)? (.*)$/;
// Server messages in the same format that are not output of the tests.
const serverNotes =
  /^(Launched Extension Host Process\.|Extension Host Process exited with code|\[reconnection-grace-time\])/;

export class ExtensionHostOutput {
  private current: 'stdout' | 'stderr' | undefined;
  private blanks = 0;

  constructor(private readonly write: (text: string, stream: 'stdout' | 'stderr') => void) {}

  /** Feed every code-server output line, in order. */
  feed(line: string): void {
    if (recordStart.test(line)) {
      // The last blank of the previous record is the logger's, not the host's.
      this.flushBlanks(this.blanks - 1);
      this.current = undefined;
      const match = hostRecord.exec(line);
      const text = match?.[2];
      if (match === null || text === undefined || serverNotes.test(text)) return;
      this.current = match[1] !== undefined ? 'stderr' : 'stdout';
      this.emit(text);
    } else if (this.current !== undefined) {
      this.emit(line);
    }
  }

  private emit(text: string): void {
    if (text === '') {
      this.blanks++;
      return;
    }
    this.flushBlanks(this.blanks);
    if (this.current !== undefined) this.write(text, this.current);
  }

  private flushBlanks(count: number): void {
    for (let i = 0; i < count; i++) if (this.current !== undefined) this.write('', this.current);
    this.blanks = 0;
  }
}
