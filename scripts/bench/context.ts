// What every figure group receives: the run's mode and the shared, lazily started resources.
import type { Browser } from '@playwright/test';
import type { BenchServer } from './http';
import type { BenchModel } from './bench-model';
import type { PeerBundle } from './peer-bundles';

/** Shared state of one bench run. */
export interface BenchContext {
  quick: boolean;
  /** Quality figures come from the cache (always in quick runs; --reuse-quality in full runs). */
  reuseQuality: boolean;
  /** A Beauty model directory already written by `hearth train` defaults (--quality-model). */
  qualityModel: string | null;
  /** Repository root (dist/, node_modules/, scripts/bench/pages/ live under it). */
  root: string;
  /** Scratch folder for this run (peer builds, bench model); removed at the end. */
  tmp: string;
  /** Folder kept between runs for reusable builds (peer bundles). */
  cacheDir: string;
  /** Port for the bench server (0 = any free port). */
  port: number;
  /** The loopback server, started on first use; rejects with Unavailable (e.g. port in use). */
  server(): Promise<BenchServer>;
  /** Headless Chromium, launched on first use; rejects with Unavailable when it cannot start. */
  browser(): Promise<Browser>;
  /** A peer tracker built for the browser, built once per run; rejects with Unavailable. */
  peer(name: PeerBundle['name']): Promise<PeerBundle>;
  /** The 23,715-item bench model, written once per run and mounted at /bench-model/. */
  benchModel(): Promise<BenchModel>;
  /** A progress line on stderr. */
  log(message: string): void;
}
