// One socket.io connection per signed-in token, shared by chat and the jobs monitor.
// The server authenticates the handshake with the same JWT as the HTTP API; the event
// names and payloads are the server's own typed map (src/realtime/realtime.events.ts).
import { io, type Socket } from 'socket.io-client';
import { useEffect, useState } from 'react';
import type { ClientToServerEvents, ServerToClientEvents } from '../../api/types';
import { useAuth } from '../auth/auth';

export type ReelSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

let current: { token: string; socket: ReelSocket } | undefined;

function socketFor(token: string): ReelSocket {
  if (current?.token === token) return current.socket;
  current?.socket.disconnect();
  const socket: ReelSocket = io({ auth: { token }, transports: ['websocket', 'polling'] });
  current = { token, socket };
  return socket;
}

/** The shared socket (undefined when signed out) and whether it is connected. */
export function useSocket(): { socket: ReelSocket | undefined; connected: boolean } {
  const { token } = useAuth();
  const [connected, setConnected] = useState(false);
  const socket = token ? socketFor(token) : undefined;

  useEffect(() => {
    if (!token && current) {
      current.socket.disconnect();
      current = undefined;
    }
  }, [token]);

  useEffect(() => {
    if (!socket) return;
    setConnected(socket.connected);
    const on = () => setConnected(true);
    const off = () => setConnected(false);
    socket.on('connect', on);
    socket.on('disconnect', off);
    return () => {
      socket.off('connect', on);
      socket.off('disconnect', off);
    };
  }, [socket]);

  return { socket, connected };
}

/** Subscribes to one server event while the component is mounted. */
export function useSocketEvent<E extends keyof ServerToClientEvents>(socket: ReelSocket | undefined, event: E, handler: ServerToClientEvents[E]) {
  useEffect(() => {
    if (!socket) return;
    // socket.io's typed overloads do not narrow through a generic event name.
    const s = socket as unknown as { on(e: string, h: unknown): void; off(e: string, h: unknown): void };
    s.on(event, handler);
    return () => s.off(event, handler);
  }, [socket, event, handler]);
}
