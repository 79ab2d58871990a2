// The column-name dictionary (resources/columns/categories.json): data, validated on load by the caller.
import { z } from 'zod';
import { COLUMN_CATEGORIES } from '../../../shared/domain.js';

const columnDictionarySchema = z.object({
  version: z.string().min(1),
  note: z.string().optional(),
  /** Menu groupings such as 政民互动: not a channel themselves, their children are classified. */
  parents: z.array(z.string().min(1)),
  /** Groupings named by a prefix (走进宜春, 走进邯郸). */
  parentPrefixes: z.array(z.string().min(1)).default([]),
  /** 历史性工作专题栏目: excluded from the update rules (standard §1.2). */
  historical: z.array(z.string().min(1)).default([]),
  categories: z.array(
    z.object({
      category: z.enum(COLUMN_CATEGORIES),
      keywords: z.array(z.string().min(1)).min(1),
    }),
  ),
});

export type ColumnDictionary = z.infer<typeof columnDictionarySchema>;

export function parseColumnDictionary(json: unknown): ColumnDictionary {
  const parsed = columnDictionarySchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`Invalid column dictionary at ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  return parsed.data;
}
