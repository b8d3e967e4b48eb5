// commitTransaction / abortTransaction.
import { MongoCommandError } from '../errors.command';
import type { CommandHandler } from './command.context';

const commitTransaction: CommandHandler = async (ctx) => {
  const txn = ctx.txn;
  if (!txn) throw new MongoCommandError(125, 'commitTransaction must be run within a transaction');
  if (txn.state === 'committed') return { ok: 1 }; // retried commit
  ctx.state.engine.commitTxn(txn);
  await ctx.state.engine.flush();
  return { ok: 1 };
};

const abortTransaction: CommandHandler = (ctx) => {
  const txn = ctx.txn;
  if (!txn) throw new MongoCommandError(125, 'abortTransaction must be run within a transaction');
  if (txn.state === 'committed')
    throw new MongoCommandError(256, 'Transaction has been committed and cannot be aborted');
  if (txn.state === 'aborted' && !txn.conflicted)
    throw new MongoCommandError(251, `Transaction ${txn.txnNumber} has been aborted.`);
  ctx.state.engine.abortTxn(txn);
  return { ok: 1 };
};

export const txnCommands: Record<string, CommandHandler> = { commitTransaction, abortTransaction };
