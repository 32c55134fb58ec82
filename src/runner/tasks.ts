// A run is a list of tasks with teardowns run in reverse order, whatever happened (Playwright's
// task runner idea): the sink, the embedded provider and a container always stop.

export class Teardowns {
  private readonly stack: Array<{ title: string; fn: () => Promise<void> }> = [];

  add(title: string, fn: () => Promise<void>): void {
    this.stack.push({ title, fn });
  }

  /** Runs every teardown once, newest first; returns the titles that failed. */
  async run(): Promise<string[]> {
    const failed: string[] = [];
    while (this.stack.length) {
      const { title, fn } = this.stack.pop()!;
      try {
        await fn();
      } catch {
        failed.push(title);
      }
    }
    return failed;
  }
}
