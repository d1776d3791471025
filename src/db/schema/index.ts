export * from "./regions";
export * from "./frontdesks";
export * from "./users";
export * from "./appointments";
export * from "./accounts";
export * from "./scouting";
export * from "./reports";
export * from "./catalogue";
