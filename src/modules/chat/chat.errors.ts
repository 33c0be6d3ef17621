import { AppError, badRequest } from '../../shared/errors.js';

// Non-members get the same 404 as a missing conversation: existence is not disclosed.
export const conversationNotFound = () => new AppError(404, 'CONVERSATION_NOT_FOUND', 'Conversation not found');
export const attachmentNotFound = () => new AppError(404, 'ATTACHMENT_NOT_FOUND', 'Attachment not found');
export const chatUserNotFound = (ids: number[]) =>
  new AppError(404, 'USER_NOT_FOUND', `User not found: ${ids.join(', ')}`, { user_ids: ids });
export const cannotMessageSelf = () => badRequest('You cannot start a conversation with yourself', undefined, 'SELF_CONVERSATION');
export const bodyRequired = () => badRequest('body is required for a text message', undefined, 'VALIDATION');
export const sharedVideoIdRequired = () => badRequest('shared_video_id is required for a shared_video message', undefined, 'VALIDATION');
export const sharedVideoIdNotAllowed = () =>
  badRequest('shared_video_id is only allowed with type shared_video', undefined, 'VALIDATION');
// Seed 001: a shared video must exist and be published (400, not 404: the conversation exists, the body is wrong).
export const sharedVideoInvalid = (reason: string) =>
  badRequest(`shared_video_id: ${reason}`, undefined, 'INVALID_SHARED_VIDEO');
export const uploadRequired = (type: string) =>
  badRequest(
    `a ${type} message needs a file: send multipart/form-data to POST /api/chat/conversations/:id/attachments`,
    undefined,
    'ATTACHMENT_REQUIRED',
  );
export const invalidReadMarker = () => badRequest('message_id is not a message of this conversation', undefined, 'VALIDATION');
