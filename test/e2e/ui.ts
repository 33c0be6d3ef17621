// Small page helpers shared by the browser flows: sign in/up through the UI, read numbers.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { expect } from 'vitest';

// The root tsconfig has no DOM library; these are the few browser shapes the flows touch.
export type VideoLike = { currentTime: number; readyState: number };
export type BrowserGlobals = {
  document: { querySelector(sel: string): VideoLike | null };
  localStorage: { getItem(k: string): string | null; removeItem(k: string): void };
};

export const VIEWPORT = { width: 1280, height: 800 };

export async function newPage(browser: Browser, baseURL: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL, viewport: VIEWPORT, deviceScaleFactor: 1, colorScheme: 'dark' });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  // A crash in the page shows up in the test output instead of only as a timeout.
  page.on('pageerror', (err) => console.error(`[browser] ${page.url()}: ${err.stack ?? err.message}`));
  page.on('response', (res) => res.status() >= 400 && console.error(`[browser http] ${res.status()} ${res.request().method()} ${res.url()}`));
  return { context, page };
}

export async function signIn(page: Page, email: string, password: string) {
  await page.goto('/login');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
}

/** Fills the register form (already open) and waits until signed in. */
export async function fillRegister(page: Page, who: { name: string; email: string; password: string }) {
  await page.getByLabel('Display name').fill(who.name);
  await page.getByLabel('Email').fill(who.email);
  await page.getByLabel(/^Password/).fill(who.password);
  await page.getByRole('button', { name: 'Register' }).click();
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
}

export const numberIn = async (page: Page, selector: string) => Number((await page.locator(selector).first().innerText()).replace(/[^0-9]/g, ''));

export const videoTime = (page: Page) => page.locator('video').evaluate((v: VideoLike) => v.currentTime);

export async function waitForVideoTime(page: Page, min: number, timeout = 15_000) {
  await page.waitForFunction((m) => ((globalThis as unknown as BrowserGlobals).document.querySelector('video')?.currentTime ?? 0) >= m, min, { timeout });
}

export async function heatmapTotal(page: Page): Promise<number> {
  return Number(await page.locator('.heatmap').getAttribute('data-total'));
}

export function expectClose(actual: number, expected: number, tolerance: number) {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(tolerance);
}

/** expect.poll with room for a busy two-core machine (the default gives up after 1 s). */
export const poll = <T>(fn: () => T | Promise<T>, timeout = 15_000) => expect.poll(fn, { timeout, interval: 100 });
