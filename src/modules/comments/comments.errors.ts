import { AppError, badRequest, forbidden } from '../../shared/errors.js';

export const commentNotFound = () => new AppError(404, 'COMMENT_NOT_FOUND', 'Comment not found');
export const notCommentAuthor = () => forbidden('Only the author or an admin can delete this comment', 'NOT_COMMENT_AUTHOR');
export const sessionIdRequired = () => badRequest('sessionId is required', undefined, 'VALIDATION');
export const displayNameRequired = () => badRequest('displayName is required for anonymous comments', undefined, 'VALIDATION');
export const parentNotOnVideo = () => badRequest('parentId does not refer to a comment on this video', undefined, 'INVALID_PARENT');
