/**
 * The join page is sent with its form already in it (client/build/joinForm.ts writes it at build
 * time, server/http/clientRoutes.ts serves it): the server writes the address's join code, once
 * validated, where this mark stands in the page.
 */
export const JOIN_CODE_SLOT = "__JOIN_CODE__";
