// The slot lists live in the model (WDF vocabulary shared by every frontend and the classifier).
export * from "../../model/slots.js";
