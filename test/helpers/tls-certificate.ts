import { execFile, spawnSync } from "node:child_process";
import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { serviceAvailable } from "./services.js";

/** Whether `openssl` runs here (node:crypto cannot issue X.509 certificates). */
export const hasOpenssl = (): boolean =>
  serviceAvailable({
    available: spawnSync("openssl", ["version"]).status === 0,
    what: "openssl",
    install: "sh scripts/setup.sh installs Debian's openssl",
  });

export interface Certificate {
  certFile: string;
  keyFile: string;
  cert: string;
}

/** A throwaway self-signed certificate for 127.0.0.1 and localhost (P-256, one day), in a temp folder. */
export async function selfSignedCertificate(): Promise<Certificate> {
  const folder = await mkdtemp(join(tmpdir(), "rewardkit-tls-"));
  const certFile = join(folder, "cert.pem");
  const keyFile = join(folder, "key.pem");
  await promisify(execFile)("openssl", [
    "req",
    "-x509",
    "-newkey",
    "ec",
    "-pkeyopt",
    "ec_paramgen_curve:prime256v1",
    "-nodes",
    "-keyout",
    keyFile,
    "-out",
    certFile,
    "-days",
    "1",
    "-subj",
    "/CN=localhost",
    "-addext",
    "subjectAltName=IP:127.0.0.1,DNS:localhost",
  ]);
  return { certFile, keyFile, cert: await readFile(certFile, "utf8") };
}
