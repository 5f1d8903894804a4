import { createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

/** Appends `text` to `file` and fsyncs it (and, when the file is new, its directory) before returning. */
export function appendDurably(file: string, text: string) {
  const existed = fs.existsSync(file);
  if (!existed) fs.mkdirSync(path.dirname(file), { recursive: true });
  const fd = fs.openSync(file, "a", 0o640);
  try {
    fs.writeSync(fd, text);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  if (!existed) fsyncDir(path.dirname(file));
}

/** Makes a rename or a new file in `dir` durable. */
export function fsyncDir(dir: string) {
  try {
    const fd = fs.openSync(dir, "r");
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    // Some file systems do not allow opening a directory; the data file itself was fsynced.
  }
}

/** Writes a whole file durably: to a temporary name, fsynced, then renamed into place. */
export function writeFileDurably(file: string, data: string | Buffer, mode = 0o600) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.tmp-${process.pid}`;
  const fd = fs.openSync(tmp, "w", mode);
  try {
    fs.writeSync(fd, typeof data === "string" ? Buffer.from(data) : data);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, file);
  fsyncDir(path.dirname(file));
}

export const keysDir = (dataDir: string) => path.join(dataDir, "keys");

/**
 * The Ed25519 key pair that signs audit archives: made on first use in <data dir>/keys (private key
 * readable by the owner only). Copy `audit-signing.pub.pem` off the machine: with it an archive can
 * be checked anywhere (`verify-audit --archive FILE --public-key PEM`).
 */
export function signingKeys(dataDir: string) {
  const priv = path.join(keysDir(dataDir), "audit-signing.pem");
  const pub = path.join(keysDir(dataDir), "audit-signing.pub.pem");
  if (!fs.existsSync(priv)) {
    const { privateKey, publicKey } = generateKeyPairSync("ed25519");
    writeFileDurably(pub, publicKey.export({ type: "spki", format: "pem" }) as string, 0o644);
    writeFileDurably(priv, privateKey.export({ type: "pkcs8", format: "pem" }) as string, 0o600);
  }
  return { privateKey: createPrivateKey(fs.readFileSync(priv)), publicKey: createPublicKey(fs.readFileSync(pub)), publicKeyFile: pub };
}

/**
 * The AES-256 key of backups: SHEQU_BACKUP_KEY (64 hex digits or base64 of 32 bytes) or
 * <data dir>/keys/backup.key, made on first use when `create`. Without it a backup cannot be read.
 */
export function backupKey(dataDir: string, envKey: string | undefined, create: boolean): Buffer {
  if (envKey) {
    const k = /^[0-9a-fA-F]{64}$/.test(envKey) ? Buffer.from(envKey, "hex") : Buffer.from(envKey, "base64");
    if (k.length !== 32) throw new Error("SHEQU_BACKUP_KEY must be 32 bytes: 64 hex digits or base64 (备份密钥须为 32 字节：64 位十六进制或 base64)");
    return k;
  }
  const file = path.join(keysDir(dataDir), "backup.key");
  if (!fs.existsSync(file)) {
    if (!create) throw new Error(`No backup key: set SHEQU_BACKUP_KEY or put the key file at ${file} (没有备份密钥：请设置 SHEQU_BACKUP_KEY 或放置密钥文件)`);
    writeFileDurably(file, `${randomBytes(32).toString("hex")}\n`, 0o600);
  }
  return backupKey(dataDir, fs.readFileSync(file, "utf8").trim(), false);
}
