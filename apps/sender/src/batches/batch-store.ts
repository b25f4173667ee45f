/** Batches: one row per upload run of a file (its lines are rows of the send log). */
import { num, str, type Row } from '../store/columns.js';
import { CapabilityStore } from '../store/core.js';
import { toSend, type SendRow } from '../sending/send-row.js';

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
  async latestBatch(contentHash: string): Promise<BatchRow | undefined> {
    const row = await this.db.get(
      'SELECT * FROM batches WHERE content_hash = ? ORDER BY generation DESC LIMIT 1',
      contentHash,
    );
    return row && toBatch(row);
  }

  async insertBatch(batch: Omit<BatchRow, 'createdAt'>): Promise<BatchRow> {
    const createdAt = this.iso();
    await this.db.run(
      `INSERT INTO batches (id, content_hash, generation, file_name, template_id, country, rows, created_by, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      batch.id,
      batch.contentHash,
      batch.generation,
      batch.fileName,
      batch.templateId,
      batch.country,
      batch.rows,
      batch.createdBy,
      createdAt,
    );
    return { ...batch, createdAt };
  }

  async getBatch(id: string): Promise<BatchRow | undefined> {
    const row = await this.db.get('SELECT * FROM batches WHERE id = ?', id);
    return row && toBatch(row);
  }

  async recentBatches(limit = 20): Promise<BatchRow[]> {
    return (
      await this.db.all('SELECT * FROM batches ORDER BY created_at DESC, id LIMIT ?', limit)
    ).map(toBatch);
  }

  async batchSends(batchId: string): Promise<SendRow[]> {
    return (
      await this.db.all('SELECT * FROM sends WHERE batch_id = ? ORDER BY batch_line', batchId)
    ).map(toSend);
  }
}
