// The LSP lifecycle rule for messages that arrive before `initialize`: a request is answered with
// the error ServerNotInitialized (-32002), a notification is dropped (except `exit`). The check
// sits in vscode-jsonrpc's message strategy, ahead of every handler: such a request is renamed to
// NOT_INITIALIZED_METHOD, whose only handler returns that error.
import { ErrorCodes, Message, ResponseError, type MessageStrategy, type NotificationMessage, type RequestMessage } from 'vscode-languageserver';

export const NOT_INITIALIZED_METHOD = '$/harden/notInitialized';

/** A message strategy that holds the lifecycle rule; pass it to `createConnection`. `onMessage` sees every message first. */
export function lifecycleStrategy(onMessage?: () => void): MessageStrategy {
  let initializeSeen = false;
  return {
    handleMessage(message, next) {
      onMessage?.();
      if (!initializeSeen) {
        if (Message.isRequest(message)) {
          if (message.method === 'initialize') initializeSeen = true;
          else return next({ ...(message as RequestMessage), method: NOT_INITIALIZED_METHOD } as RequestMessage);
        } else if (Message.isNotification(message) && (message as NotificationMessage).method !== 'exit') return;
      }
      return next(message);
    },
  };
}

/** The answer to a request that came before `initialize`. */
export function notInitialized(): ResponseError<void> {
  return new ResponseError(ErrorCodes.ServerNotInitialized, 'The server is not initialized yet: send initialize first.');
}
