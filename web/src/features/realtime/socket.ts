// One socket.io connection per signed-in token, shared by chat and the jobs monitor.
// The server authenticates the handshake with the same JWT as the HTTP API.
import { io, type Socket } from 'socket.io-client';
import { useEffect, useState } from 'react';
import { useAuth } from '../auth/auth';

let current: { token: string; socket: Socket } | undefined;

function socketFor(token: string): Socket {
  if (current?.token === token) return current.socket;
  current?.socket.disconnect();
  const socket = io({ auth: { token }, transports: ['websocket', 'polling'] });
  current = { token, socket };
  return socket;
}

/** The shared socket (undefined when signed out) and whether it is connected. */
export function useSocket(): { socket: Socket | undefined; connected: boolean } {
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

/** Subscribes to one event while the component is mounted. */
export function useSocketEvent<T>(socket: Socket | undefined, event: string, handler: (payload: T) => void) {
  useEffect(() => {
    if (!socket) return;
    const h = (p: T) => handler(p);
    socket.on(event, h);
    return () => {
      socket.off(event, h);
    };
  }, [socket, event, handler]);
}
