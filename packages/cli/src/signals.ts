/** Resolves on the first SIGINT or SIGTERM (a second one exits at once). */
export function waitForShutdown(signal?: AbortSignal): Promise<string> {
  return new Promise((resolve) => {
    let received = false;
    const onSignal = (name: string) => {
      if (received) process.exit(130);
      received = true;
      resolve(name);
    };
    process.once('SIGINT', () => onSignal('SIGINT'));
    process.once('SIGTERM', () => onSignal('SIGTERM'));
    signal?.addEventListener('abort', () => onSignal('abort'), { once: true });
  });
}
