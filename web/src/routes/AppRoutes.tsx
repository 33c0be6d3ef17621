// Every page of the app. Admin pages are gated by role; the server checks again.
import { lazy, Suspense } from 'react';
import { Route, Routes } from 'react-router-dom';
import { RequireRole } from '../features/auth/RequireRole';
import { Layout } from '../ui/Layout';
import { Empty, Spinner } from '../ui/states';
import { BrowsePage } from './public/BrowsePage';
import { ContinueWatchingPage } from './public/ContinueWatchingPage';
import { GalleryPage } from './public/GalleryPage';
import { LoginPage, RegisterPage } from './public/AuthPages';
import { WatchPage } from './public/WatchPage';

// Admin pages (recharts) and chat (socket.io) load on demand: visitors never download them.
const JobsPage = lazy(() => import('./admin/JobsPage').then((m) => ({ default: m.JobsPage })));
const LibraryPage = lazy(() => import('./admin/LibraryPage').then((m) => ({ default: m.LibraryPage })));
const SharedMediaPage = lazy(() => import('./admin/SharedMediaPage').then((m) => ({ default: m.SharedMediaPage })));
const VideoStatsPage = lazy(() => import('./admin/VideoStatsPage').then((m) => ({ default: m.VideoStatsPage })));
const ChatPage = lazy(() => import('./public/ChatPage').then((m) => ({ default: m.ChatPage })));

export function AppRoutes() {
  return (
    <Suspense fallback={<Spinner />}>
    <Routes>
      <Route element={<Layout />}>
        <Route index element={<BrowsePage />} />
        <Route path="gallery" element={<GalleryPage />} />
        <Route path="watch/:id" element={<WatchPage />} />
        <Route path="login" element={<LoginPage />} />
        <Route path="register" element={<RegisterPage />} />
        <Route path="continue" element={<RequireRole><ContinueWatchingPage /></RequireRole>} />
        <Route path="chat" element={<RequireRole><ChatPage /></RequireRole>} />
        <Route path="chat/:conversationId" element={<RequireRole><ChatPage /></RequireRole>} />
        <Route path="admin/library" element={<RequireRole role="admin"><LibraryPage /></RequireRole>} />
        <Route path="admin/shared" element={<RequireRole role="admin"><SharedMediaPage /></RequireRole>} />
        <Route path="admin/videos/:id/stats" element={<RequireRole role="admin"><VideoStatsPage /></RequireRole>} />
        <Route path="admin/jobs" element={<RequireRole role="admin"><JobsPage /></RequireRole>} />
        <Route path="*" element={<Empty title="Page not found">Nothing lives at this address.</Empty>} />
      </Route>
    </Routes>
    </Suspense>
  );
}
