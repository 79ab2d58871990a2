// manifest.json of package.zip (schema documented in docs/package-manifest.md).
import { z } from 'zod';

export const PACKAGE_FORMAT = 'gov-site-audit-package';
export const PACKAGE_FORMAT_VERSION = 1;

const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/);

export const FILE_ROLES = ['workbook', 'report-docx', 'report-pdf', 'results', 'evidence'] as const;

export const manifestSchema = z.object({
  format: z.literal(PACKAGE_FORMAT),
  formatVersion: z.literal(PACKAGE_FORMAT_VERSION),
  createdAt: z.string(),
  generator: z.string(),
  title: z.string(),
  unit: z.string(),
  date: z.string(),
  run: z.object({
    id: z.string().min(1),
    startedAt: z.string(),
    finishedAt: z.string().nullable(),
    asOf: z.string(),
    rulePack: z.string(),
    rulePackVersion: z.string(),
    status: z.string(),
    vantage: z.record(z.unknown()),
  }),
  sites: z.array(
    z.object({
      name: z.string(),
      url: z.string(),
      siteCode: z.string().nullable(),
      verdict: z.string(),
      score: z.number().nullable(),
      bonus: z.number(),
      findings: z.number().int().min(0),
    }),
  ),
  files: z.array(
    z.object({
      path: z.string().min(1),
      role: z.enum(FILE_ROLES),
      size: z.number().int().min(0),
      sha256: sha256Hex,
    }),
  ),
  chain: z.object({
    algorithm: z.literal('sha256'),
    head: z.string(),
    entries: z.array(
      z.object({
        seq: z.number().int(),
        kind: z.string(),
        ref: z.string(),
        payloadHash: z.string(),
        hash: z.string(),
      }),
    ),
  }),
});

export type PackageManifest = z.infer<typeof manifestSchema>;
export type ManifestFile = PackageManifest['files'][number];

export function parseManifest(json: unknown): PackageManifest {
  const parsed = manifestSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`Invalid package manifest at ${issue?.path.join('.') || '(root)'}: ${issue?.message}`);
  }
  return parsed.data;
}
