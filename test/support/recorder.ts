/**
 * The core of the recording fakes of the providers (mailer, SMS sender, alert publisher): remembers
 * each thing it is handed, answers the n-th with the id `<prefix>-n`, and throws `failWith` when set.
 */
export class Recorder<T> {
  protected readonly recorded: T[] = [];
  failWith: Error | undefined;

  constructor(private readonly prefix: string) {}

  protected async record(item: T): Promise<string> {
    if (this.failWith) throw this.failWith;
    this.recorded.push(item);
    return `${this.prefix}-${this.recorded.length}`;
  }
}
