// The opaque install id reports carry as `client` (docs/privacy-and-trust.md): random, never
// derived from anything about the user, and replaced at least monthly so that
// reports cannot be linked across months.
import { asRecord, updateKey } from './storage.ts';

export const INSTALL_ID_MAX_AGE_MS = 30 * 24 * 60 * 60_000;

interface InstallId {
  id: string;
  createdAt: number;
}

const ID_PATTERN = /^[A-Za-z0-9_-]{16,64}$/;

function repairInstall(stored: unknown): InstallId | null {
  const { id, createdAt } = asRecord(stored);
  return typeof id === 'string' && ID_PATTERN.test(id) && typeof createdAt === 'number' ? { id, createdAt } : null;
}

/** 16 random bytes, base64url: 22 characters of `[A-Za-z0-9_-]`. */
export function newInstallId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** The current install id, rotated when it is a month old (or stamped in the future by a clock change). */
export async function currentInstallId(now: number): Promise<string> {
  const install = await updateKey('install', repairInstall, (current) => {
    if (current && now - current.createdAt < INSTALL_ID_MAX_AGE_MS && current.createdAt <= now + 24 * 60 * 60_000) return current;
    return { id: newInstallId(), createdAt: now };
  });
  return install!.id;
}
