import { localRouterModelName, type LlmList } from '@dws-console/shared';
import { LocalRouter } from './local-router.ts';
import type { InteractionModel } from './model.ts';
import { OpenAiCompatibleModel, probeEndpoint, type OpenAiEndpoint } from './openai-model.ts';

export interface ModelRegistryOptions {
  endpoint?: OpenAiEndpoint & {
    /** Model names to offer; empty means every model the endpoint lists. */
    models: string[];
  };
  /** How long a probe result is trusted. */
  probeCacheMs?: number;
}

/**
 * The models `GET /v1/api/llms` lists: the local router always, and the configured endpoint's models while its
 * probe answers (GaussMaster lists only enabled models whose probe succeeds).
 */
export class ModelRegistry {
  readonly local: InteractionModel = new LocalRouter();
  readonly #options: ModelRegistryOptions;
  #probe: { at: number; models: string[]; pending?: Promise<string[]> } | undefined;

  constructor(options: ModelRegistryOptions = {}) {
    this.#options = options;
  }

  async list(): Promise<LlmList> {
    return { local: [localRouterModelName], online: await this.#online() };
  }

  /** The named model if it may be chosen now (for `PUT /v1/api/llms`). */
  async available(name: string): Promise<boolean> {
    if (name === localRouterModelName) return true;
    return (await this.#online()).includes(name);
  }

  /** The model a session chose; the local router when it chose none. */
  model(name: string | undefined): InteractionModel {
    const endpoint = this.#options.endpoint;
    if (!name || name === localRouterModelName || !endpoint) return this.local;
    return new OpenAiCompatibleModel(name, endpoint);
  }

  async #online(): Promise<string[]> {
    const endpoint = this.#options.endpoint;
    if (!endpoint) return [];
    const now = Date.now();
    const cacheMs = this.#options.probeCacheMs ?? 10_000;
    if (this.#probe && !this.#probe.pending && now - this.#probe.at < cacheMs) return this.#probe.models;
    if (this.#probe?.pending) return this.#probe.pending;
    const pending = probeEndpoint(endpoint).then((listed) => {
      const models =
        listed === undefined ? [] : endpoint.models.length > 0 ? [...endpoint.models] : listed.slice(0, 50);
      this.#probe = { at: Date.now(), models };
      return models;
    });
    this.#probe = { at: now, models: this.#probe?.models ?? [], pending };
    return pending;
  }
}
