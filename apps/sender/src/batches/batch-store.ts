/** Batches: one row per upload run of a file (its lines are rows of the send log). */
import { num, str, type Row } from '../store/columns.js';
import { CapabilityStore } from '../store/core.js';
import { toSend, type SendRow } from '../sending/send-store.js';

export interface BatchRow {
  id: string;
  contentHash: string;
  generation: number;
  fileName: string;
  templateId: string;
  country: string;
  rows: number;
  createdBy: string;
  createdAt: string;
}

export function toBatch(row: Row): BatchRow {
  return {
    id: str(row, 'id'),
    contentHash: str(row, 'content_hash'),
    generation: num(row, 'generation'),
    fileName: str(row, 'file_name'),
    templateId: str(row, 'template_id'),
    country: str(row, 'country'),
    rows: num(row, 'rows'),
    createdBy: str(row, 'created_by'),
    createdAt: str(row, 'created_at'),
  };
}

/** The batches table, and the send rows of one batch. */
export class BatchStore extends CapabilityStore {
  latestBatch(contentHash: string): BatchRow | undefined {
    const row = this.core
      .statement('SELECT * FROM batches WHERE content_hash = ? ORDER BY generation DESC LIMIT 1')
      .get(contentHash) as Row | undefined;
    return row && toBatch(row);
  }

  insertBatch(batch: Omit<BatchRow, 'createdAt'>): BatchRow {
    this.core
      .statement(
        `INSERT INTO batches (id, content_hash, generation, file_name, template_id, country, rows, created_by, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        batch.id,
        batch.contentHash,
        batch.generation,
        batch.fileName,
        batch.templateId,
        batch.country,
        batch.rows,
        batch.createdBy,
        this.iso(),
      );
    return { ...batch, createdAt: this.iso() };
  }

  getBatch(id: string): BatchRow | undefined {
    const row = this.core.statement('SELECT * FROM batches WHERE id = ?').get(id) as
      Row | undefined;
    return row && toBatch(row);
  }

  recentBatches(limit = 20): BatchRow[] {
    return (
      this.core
        .statement('SELECT * FROM batches ORDER BY created_at DESC, id LIMIT ?')
        .all(limit) as Row[]
    ).map(toBatch);
  }

  batchSends(batchId: string): SendRow[] {
    return (
      this.core
        .statement('SELECT * FROM sends WHERE batch_id = ? ORDER BY batch_line')
        .all(batchId) as Row[]
    ).map(toSend);
  }
}
