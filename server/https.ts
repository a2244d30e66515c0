import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { RequestListener } from 'node:http';
import type { ServerConfig } from './config';

/**
 * Plain HTTP, or HTTPS when TLS_CERT_FILE and TLS_KEY_FILE are set: tablets install the POS and
 * run its service worker only from a secure origin (https, or localhost on the same machine).
 */
export function createWebServer(
  config: Pick<ServerConfig, 'tlsCertFile' | 'tlsKeyFile'>,
  app: RequestListener,
): { server: http.Server | https.Server; scheme: 'http' | 'https' } {
  if (!config.tlsCertFile || !config.tlsKeyFile) return { server: http.createServer(app), scheme: 'http' };
  const read = (file: string, env: string) => {
    try {
      return fs.readFileSync(file);
    } catch (err) {
      throw new Error(
        `${env}=${file} cannot be read (${(err as NodeJS.ErrnoException).code ?? String(err)}); point it at a PEM file or leave both TLS settings empty for plain HTTP.`,
        { cause: err },
      );
    }
  };
  const cert = read(config.tlsCertFile, 'TLS_CERT_FILE');
  const key = read(config.tlsKeyFile, 'TLS_KEY_FILE');
  try {
    return { server: https.createServer({ cert, key }, app), scheme: 'https' };
  } catch (err) {
    throw new Error(
      `TLS_CERT_FILE and TLS_KEY_FILE do not make a usable certificate and key: ${err instanceof Error ? err.message : String(err)}`,
      { cause: err },
    );
  }
}
