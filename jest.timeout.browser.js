jest.setTimeout(240000);
