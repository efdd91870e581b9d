export const repoRoot: string;
export const distDir: string;
export const serverEntry: string;
export const SIZES: {
  phone: { width: number; height: number };
  tablet: { width: number; height: number };
};
export function assertBuildExists(staticSource?: string): void;
export function freePort(): Promise<number>;

export interface BuiltServerOptions {
  staticSource?: string;
  copyStatic?: boolean;
  dataDir?: string;
  port?: number;
  tls?: { certPath: string; keyPath: string; cert: Buffer };
  env?: Record<string, string>;
  output?: 'inherit' | 'capture';
}

export interface BuiltServer {
  baseURL: string;
  port: number;
  /** The directory the server serves (a private copy of dist/ unless copyStatic was false). */
  staticDir: string;
  /** The server's DATA_DIR (its sync database). */
  dataDir: string;
  /** Stops the process (SIGTERM: it stops taking requests and closes its storage); data and address kept. */
  kill(): Promise<void>;
  /** Kills the process at once (SIGKILL), as a power cut would: requests in flight get no answer. */
  crash(): Promise<void>;
  /** Starts the process again on the same address with the same data. */
  restart(): Promise<void>;
  /** Stops the process and removes the folders it made. */
  stop(): Promise<void>;
}

export function startBuiltServer(options?: BuiltServerOptions): Promise<BuiltServer>;
