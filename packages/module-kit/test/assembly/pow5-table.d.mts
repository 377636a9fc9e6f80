export declare const Q_MIN: number;
export declare const Q_MAX: number;
export declare function pow5Entry(q: number): { hi: bigint; lo: bigint; e5: number };
export declare function floorLog2Pow10(q: number): number;
export declare function render(): string;
