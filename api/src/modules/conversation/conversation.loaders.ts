import DataLoader from 'dataloader';
import { Types } from 'mongoose';
import type { AppDeps } from '../../core/deps';
import { groupByKey, validObjectIds } from '../../core/ids';
import { conversationReadModel, messageModel, type MessageDoc } from './conversation.model';
import type { ConversationSide } from './conversation.policy';

/** Key of `unreadMessageCount`: who reads, from which side, which application. */
export function unreadKey(userId: string, side: ConversationSide, applicationId: string): string {
  return `${userId}|${side}|${applicationId}`;
}

export function createConversationLoaders(deps: Pick<AppDeps, 'connection'>) {
  const Message = messageModel(deps.connection);
  const Read = conversationReadModel(deps.connection);
  return {
    /** Each application's messages, oldest first. */
    messagesByApplicationId: new DataLoader<string, MessageDoc[]>(async (ids) =>
      groupByKey(ids, await Message.find({ applicationId: { $in: validObjectIds(ids) } }).sort({ _id: 1 }), (m) =>
        String(m.applicationId),
      ),
    ),
    /**
     * Messages of the other side (for staff: of either side) newer than the reader's mark. Two commands per batch,
     * whatever the number of applications: the read marks, then one aggregation.
     */
    unreadMessageCount: new DataLoader<string, number>(async (keys) => {
      const parsed = keys.map((k) => {
        const [userId = '', side = '', applicationId = ''] = k.split('|');
        return { userId, side, applicationId };
      });
      const valid = parsed.filter((p) => Types.ObjectId.isValid(p.userId) && Types.ObjectId.isValid(p.applicationId));
      if (!valid.length) return keys.map(() => 0);
      const marks = await Read.find({
        userId: { $in: validObjectIds([...new Set(valid.map((p) => p.userId))]) },
        applicationId: { $in: validObjectIds([...new Set(valid.map((p) => p.applicationId))]) },
      }).lean();
      const markOf = new Map(marks.map((m) => [`${String(m.userId)}|${String(m.applicationId)}`, m.lastReadId]));
      const rows = await Message.aggregate<{ _id: { a: Types.ObjectId; s: string }; ids: Types.ObjectId[] }>([
        { $match: { applicationId: { $in: validObjectIds([...new Set(valid.map((p) => p.applicationId))]) } } },
        { $group: { _id: { a: '$applicationId', s: '$authorSide' }, ids: { $push: '$_id' } } },
      ]);
      const bySide = new Map(rows.map((r) => [`${String(r._id.a)}|${r._id.s}`, r.ids]));
      return parsed.map(({ userId, side, applicationId }) => {
        const mark = markOf.get(`${userId}|${applicationId}`);
        const sides = side === 'STAFF' ? ['STUDENT', 'COMPANY'] : [side === 'STUDENT' ? 'COMPANY' : 'STUDENT'];
        let n = 0;
        for (const s of sides) {
          for (const id of bySide.get(`${applicationId}|${s}`) ?? [])
            if (!mark || id.toHexString() > mark.toHexString()) n += 1;
        }
        return n;
      });
    }),
  };
}
