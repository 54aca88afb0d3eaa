import { randomUUID } from 'node:crypto';
import { chatErrorCodes, chatRelayEvents } from '@dws-console/shared';
import { request, type Dispatcher } from 'undici';
import type { Logger } from '../logging/logger.ts';
import { answerLeaseMs, type AnswerEvent, type AnswerStore } from './answer-store.ts';
import { readDbmindEvents } from './dbmind-client.ts';
import type { ChatQuota } from './chat-quota.ts';

/** The body DBMind receives: the browser's question plus the user id the BFF sets. */
export interface UpstreamQuestion {
  query: string;
  user_id: string;
  session_id: string;
  mode: string;
  history_len?: number;
  model_name?: string;
}

/** The error event the web app understands; DBMind's own events pass through unchanged. */
const relayErrorEvent = chatRelayEvents.error;
const endEvent = chatRelayEvents.end;

function errorData(code: string, message: string): string {
  return JSON.stringify({ error_code: code, error_msg: message });
}

export interface AnswerRunnerDeps {
  endpoint: string;
  dispatcher: Dispatcher;
  store: AnswerStore;
  logger: Logger;
  /** How long an answer nobody watches keeps running (a reload comes back well within it). */
  orphanGraceMs: number;
  quota: ChatQuota;
  /** Bytes of DBMind's events kept per answer; past them the answer is cut off and stopped. */
  answerBytes: number;
}

interface Running {
  controller: AbortController;
  viewers: number;
  requestId: string | undefined;
  graceTimer?: NodeJS.Timeout;
}

/**
 * Sends each question to DBMind exactly once and records the answer's events in the store as they
 * arrive. Browsers watch answers; the upstream request is aborted when the asker stops it, or when
 * nobody has watched it for `orphanGraceMs` (long enough for a reload to come back).
 *
 * With a shared store another BFF process may serve the browser: it watches and stops the answer
 * through the store's signals, and its watching is a lease it renews while the browser stays, so
 * a process that disappears does not keep an answer running for nobody.
 */
export class AnswerRunner {
  readonly #running = new Map<string, Running>();
  readonly #deps: AnswerRunnerDeps;

  constructor(deps: AnswerRunnerDeps) {
    this.#deps = deps;
  }

  get openAnswers(): number {
    return this.#running.size;
  }

  /** Browsers currently watching an answer, each over its own event stream. */
  get watchers(): number {
    let total = 0;
    for (const running of this.#running.values()) total += running.viewers;
    return total;
  }

  /**
   * Admits the answer within the owner's limits first, then builds the question (which may talk to DBMind), so
   * a flood is refused before it costs anything upstream. `requestId` is the asking request's, so the answer's
   * log lines carry it too.
   */
  async start(owner: string, prepare: () => Promise<UpstreamQuestion>, requestId?: string): Promise<string> {
    const id = randomUUID();
    await this.#deps.quota.admit(owner, id);
    let question: UpstreamQuestion;
    try {
      question = await prepare();
      await this.#deps.store.create(id, { owner, createdAt: Date.now() });
    } catch (error) {
      await this.#deps.quota.release(owner, id).catch(() => undefined);
      throw error;
    }
    const running: Running = { controller: new AbortController(), viewers: 0, requestId };
    const stopListening = await this.#deps.store.onSignal(id, (signal) => {
      if (signal === 'stop') running.controller.abort();
      else this.#watchOrphan(id, running);
    });
    this.#running.set(id, running);
    this.#watchOrphan(id, running);
    // Processes serving this answer's watchers end it for them if this process dies (see #watchElsewhere).
    const lease = setInterval(() => {
      this.#deps.store.renewLease(id).catch((error: unknown) => {
        this.#deps.logger.warn(
          { answer: id, err: (error as Error).message },
          'cannot renew the answer lease',
        );
      });
    }, answerLeaseMs / 3);
    lease.unref();
    void this.#run(id, question, running)
      .catch((error: unknown) => {
        this.#deps.logger.error(
          { requestId, answer: id, err: (error as Error).message },
          'cannot record the answer',
        );
      })
      .finally(() => {
        clearInterval(lease);
        clearTimeout(running.graceTimer);
        stopListening();
        this.#running.delete(id);
        this.#deps.quota.release(owner, id).catch((error: unknown) => {
          this.#deps.logger.warn({ answer: id, err: (error as Error).message }, 'cannot release the answer');
        });
      });
    return id;
  }

  /** Log-out: every answer of the user stops, here or in the process that runs it. */
  async stopAllOf(owner: string): Promise<void> {
    const ids = await this.#deps.quota.running(owner);
    await Promise.all(ids.map((id) => this.stop(id)));
  }

  /** A browser starts watching; the returned function is called when it goes away. */
  watch(id: string, options: { abortWhenGone: boolean }): () => void {
    const running = this.#running.get(id);
    if (!running) return this.#watchElsewhere(id);
    running.viewers += 1;
    clearTimeout(running.graceTimer);
    return () => {
      running.viewers -= 1;
      if (options.abortWhenGone) running.controller.abort();
      // A watcher that leaves after the answer ended must not arm a timer that "stops" a finished answer.
      else if (this.#running.get(id) === running) this.#watchOrphan(id, running);
    };
  }

  /** The stop button: here if this process runs the answer, otherwise in the process that does. */
  async stop(id: string): Promise<void> {
    const running = this.#running.get(id);
    if (running) running.controller.abort();
    else await this.#deps.store.signal(id, 'stop');
  }

  /** Another process runs the answer: renew its lease well within the grace period while the browser stays. */
  #watchElsewhere(id: string): () => void {
    const renew = () => {
      this.#deps.store.signal(id, 'watching').catch((error: unknown) => {
        this.#deps.logger.warn(
          { answer: id, err: (error as Error).message },
          'cannot tell the answer is watched',
        );
      });
    };
    // The process running the answer may die mid-answer: the browser then learns it from its lease
    // and can ask again; the question is never sent a second time for it.
    const checkRunner = () => {
      this.#deps.store
        .endIfAbandoned(id, [
          {
            event: relayErrorEvent,
            data: errorData('CONSOLE.0502', 'The console process running this answer stopped. Ask again.'),
          },
          { event: endEvent, data: '{}' },
        ])
        .then((ended) => {
          if (ended)
            this.#deps.logger.warn({ answer: id }, 'the process running the answer is gone; ended it');
        })
        .catch((error: unknown) => {
          this.#deps.logger.warn(
            { answer: id, err: (error as Error).message },
            'cannot check the answer lease',
          );
        });
    };
    renew();
    checkRunner();
    const lease = setInterval(renew, Math.max(this.#deps.orphanGraceMs / 4, 10));
    const runnerCheck = setInterval(checkRunner, answerLeaseMs / 3);
    lease.unref();
    runnerCheck.unref();
    return () => {
      clearInterval(lease);
      clearInterval(runnerCheck);
    };
  }

  #watchOrphan(id: string, running: Running): void {
    if (running.viewers > 0) return;
    clearTimeout(running.graceTimer);
    running.graceTimer = setTimeout(() => {
      this.#deps.logger.info(
        { requestId: running.requestId, answer: id },
        'nobody is watching the answer; stopping it',
      );
      running.controller.abort();
    }, this.#deps.orphanGraceMs);
    running.graceTimer.unref();
  }

  async #run(id: string, question: UpstreamQuestion, running: Running): Promise<void> {
    const { store, logger } = this.#deps;
    const signal = running.controller.signal;
    let sawDone = false;
    let kept = 0;
    let cutOff = false;
    let lastAppend: Promise<unknown> = Promise.resolve();
    try {
      // undici's `request` rather than `fetch`: a Node stream per answer, without a web stream's per-chunk
      // promises and buffers, which thousands of held answers multiply.
      const response = await request(new URL('/v1/api/app/intelligent-interaction', this.#deps.endpoint), {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'text/event-stream' },
        body: JSON.stringify(question),
        dispatcher: this.#deps.dispatcher,
        signal,
      });
      const type = String(response.headers['content-type'] ?? '');
      const ok = response.statusCode >= 200 && response.statusCode < 300;
      if (!ok || !type.startsWith('text/event-stream')) {
        const text = await response.body.text().catch(() => '');
        logger.warn(
          { requestId: running.requestId, answer: id, status: response.statusCode },
          'DBMind refused the question',
        );
        await store.append(id, {
          event: relayErrorEvent,
          data: errorData(
            'CONSOLE.0502',
            `DBMind answered HTTP ${response.statusCode}: ${text.slice(0, 300)}`,
          ),
        });
        return;
      }
      // Appends reach the store in order, so the last one settles after those before it; a failed one breaks
      // off the reading as DBMind breaking off would. No await per event: an event goes on to its watchers in
      // the tick it arrived.
      const breakOff = (error: unknown) => response.body.destroy(error as Error);
      const keep = (event: Omit<AnswerEvent, 'seq'>) => {
        const appended = store.append(id, event);
        appended.catch(breakOff);
        lastAppend = appended;
      };
      await readDbmindEvents(response.body, (data) => {
        if (cutOff) return;
        kept += Buffer.byteLength(data);
        if (kept > this.#deps.answerBytes) {
          cutOff = true;
          keep({
            event: relayErrorEvent,
            data: errorData(
              'CONSOLE.0429',
              `The answer is longer than ${this.#deps.answerBytes} bytes; the rest was not kept.`,
            ),
          });
          running.controller.abort();
          return;
        }
        if (data.includes('"DONE"')) sawDone = true;
        keep({ event: 'message', data });
      });
      await lastAppend;
      if (!sawDone && !cutOff) {
        await store.append(id, {
          event: relayErrorEvent,
          data: errorData('CONSOLE.0502', 'DBMind stopped answering before the answer was complete.'),
        });
      }
    } catch (error) {
      if (cutOff) {
        await lastAppend;
      } else if (signal.aborted) {
        await store.append(id, {
          event: relayErrorEvent,
          data: errorData(chatErrorCodes.stopped, 'The answer was stopped.'),
        });
      } else {
        logger.warn(
          { requestId: running.requestId, answer: id, err: (error as Error).message },
          'DBMind stream failed',
        );
        await store.append(id, {
          event: relayErrorEvent,
          data: errorData('CONSOLE.0502', 'DBMind cannot be reached or stopped answering.'),
        });
      }
    } finally {
      // The store may be unreachable now; the answer still ends here, and its keys expire there.
      await store.append(id, { event: endEvent, data: '{}' }).catch(() => undefined);
      await store.finish(id).catch((error: unknown) => {
        logger.warn(
          { requestId: running.requestId, answer: id, err: (error as Error).message },
          'cannot end the answer',
        );
      });
    }
  }
}
