import { signal } from "@preact/signals";

/**
 * The console's optional chime for a new help request. Off by default (a facilitator in a
 * shared room, or on a call, should not be surprised by sound); the choice is remembered on
 * this device only. The tone is made by the Web Audio API: no sound file to download.
 */

const STORAGE_KEY = "workshop.console.sound";

function readSoundOn(): boolean {
  try {
    return localStorage.getItem(STORAGE_KEY) === "on";
  } catch {
    return false;
  }
}

export const soundOn = signal(readSoundOn());

export function setSoundOn(on: boolean): void {
  soundOn.value = on;
  try {
    if (on) localStorage.setItem(STORAGE_KEY, "on");
    else localStorage.removeItem(STORAGE_KEY);
  } catch {
    // Storage refused (private mode): the choice lasts for this page only.
  }
  // Browsers let audio start only after a gesture: the toggle's press is one, so prepare it now.
  if (on) void audioContext()?.resume();
}

let context: AudioContext | null = null;

function audioContext(): AudioContext | null {
  if (context) return context;
  if (typeof AudioContext === "undefined") return null;
  context = new AudioContext();
  return context;
}

/** Two short soft tones (about a third of a second). */
export function chime(): void {
  const audio = audioContext();
  if (!audio) return;
  const start = audio.currentTime;
  for (const [offset, frequency] of [
    [0, 660],
    [0.16, 880],
  ] as const) {
    const oscillator = audio.createOscillator();
    const gain = audio.createGain();
    oscillator.frequency.value = frequency;
    gain.gain.setValueAtTime(0.0001, start + offset);
    gain.gain.exponentialRampToValueAtTime(0.2, start + offset + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, start + offset + 0.15);
    oscillator.connect(gain).connect(audio.destination);
    oscillator.start(start + offset);
    oscillator.stop(start + offset + 0.16);
  }
}
