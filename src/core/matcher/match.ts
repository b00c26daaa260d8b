/** One mention found in a text: UTF-16 offsets into the input, `end` exclusive. */
export interface Match {
  id: string;
  start: number;
  end: number;
}
